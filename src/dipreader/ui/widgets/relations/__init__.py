"""The Relations tab: the pairs of the library, and one relationship's charts, tables, people, milestones."""
