"""`python -m samverkan_cli`: the `samverkan` command, under that name in usage and help."""

from samverkan_cli.cli.main import run

if __name__ == "__main__":
    run()
