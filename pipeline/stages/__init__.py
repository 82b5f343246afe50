"""The pipeline's stages, one module each: fetch, parse, dedupe, section."""
