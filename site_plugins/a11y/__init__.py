"""`a11y`: accessible names the theme and the task-list extension leave out."""
