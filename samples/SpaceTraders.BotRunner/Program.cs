// Placeholder entry point; the bot runner replaces it.
return 0;
