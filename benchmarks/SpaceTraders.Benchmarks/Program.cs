// Placeholder entry point; the benchmark switcher replaces it.
return 0;
