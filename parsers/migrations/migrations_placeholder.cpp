// Placeholder until the module's first source lands; keeps the library non-empty.
