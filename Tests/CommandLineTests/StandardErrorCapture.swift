import Foundation
import Glibc

/// Runs `body` with the process's standard error going to a file in `folder`, and returns what was written there
/// (also passed on to the real standard error).
func capturingStandardError<T>(in folder: URL, _ body: () throws -> T) throws -> (String, T) {
  let path = folder.appendingPathComponent("stderr-\(UUID().uuidString).txt").path
  let capture = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
  guard capture >= 0 else { throw POSIXError(.EIO) }
  let saved = dup(STDERR_FILENO)
  dup2(capture, STDERR_FILENO)
  close(capture)
  let result: Result<T, any Error> = Result { try body() }
  dup2(saved, STDERR_FILENO)
  close(saved)
  let log = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  FileHandle.standardError.write(Data(log.utf8))
  return (log, try result.get())
}
