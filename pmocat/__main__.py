from pmocat.cli import main

main()
