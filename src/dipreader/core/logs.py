"""The log file (`--log FILE` or $TEXTUAL_LOG) and where the traceback of an unexpected error goes."""

from __future__ import annotations

import datetime as _dt
import logging
import os
import traceback
from pathlib import Path

LOGGER_NAME = "dipreader"
LOG_ENV = "TEXTUAL_LOG"
ERROR_LOG_FILENAME = "errors.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_MARK = "dipreader_log"

log = logging.getLogger(LOGGER_NAME)


def chosen_log_file(option: str | Path | None) -> Path | None:
    """The file `--log` names, else $TEXTUAL_LOG, else None (no log)."""
    chosen = option or os.environ.get(LOG_ENV)
    return Path(chosen).expanduser() if chosen else None


def start_logging(path: Path | None, level: int = logging.INFO) -> str | None:
    """Send dipreader's log records to the file (appended), replacing a log started before.

    Returns why no log is written although a file was chosen (it cannot be opened), else None.
    """
    for old in [handler for handler in log.handlers if getattr(handler, _MARK, False)]:
        log.removeHandler(old)
        old.close()
    if path is None:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError as error:
        return f"cannot write the log {path}: {error.strerror or error}"
    handler.setFormatter(logging.Formatter(_FORMAT))
    setattr(handler, _MARK, True)
    log.addHandler(handler)
    log.setLevel(level)
    log.propagate = False
    return None


def logging_to() -> Path | None:
    """The file dipreader's log records go to, if any."""
    for handler in log.handlers:
        if isinstance(handler, logging.FileHandler) and getattr(handler, _MARK, False):
            return Path(handler.baseFilename)
    return None


def error_log_path(data_dir: Path) -> Path:
    return data_dir / ERROR_LOG_FILENAME


def log_unexpected(
    error: BaseException, data_dir: Path | None, what: str = "unexpected error"
) -> Path | None:
    """Write the error's traceback to the log in force, else to errors.log in the data dir.

    Returns the file written, or None when none could be.
    """
    current = logging_to()
    if current is not None:
        log.error("%s", what, exc_info=error)
        return current
    if data_dir is None:
        return None
    path = error_log_path(data_dir)
    stamp = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"{stamp} {what}\n{details}\n")
    except OSError:
        return None
    return path


def one_line(error: BaseException) -> str:
    """`KindOfError: message`, on one line."""
    message = " ".join(str(error).split())
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
