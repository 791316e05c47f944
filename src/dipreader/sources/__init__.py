"""Where articles come from: the ArticleSource seam and one module per kind of source."""
