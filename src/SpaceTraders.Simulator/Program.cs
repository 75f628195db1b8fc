// Placeholder entry point; the simulator host replaces it.
return 0;
