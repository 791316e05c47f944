"""The Who's who tab: the people table and a person's detail."""
