"""Services both front ends share: the context, the library, the index, builds, the timeline, notes."""
