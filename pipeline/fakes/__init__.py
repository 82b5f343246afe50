"""Local stand-ins for what lives on the internet (arXiv), for the demo, tests and benchmarks."""
