import Foundation

setvbuf(stdout, nil, _IOLBF, 0)
exit(CommandLineTool.main(Array(CommandLine.arguments.dropFirst())))
