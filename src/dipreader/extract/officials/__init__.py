"""Officials in article text: name candidates, titles and roles, countries, linking mentions."""
