"""What makes Sphinx itself cheaper on a site of thousands of pages: nothing of
the podcast here, only how the build spends its time and memory."""
