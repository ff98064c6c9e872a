/// Received bytes as a String: UTF-8 when they are valid UTF-8, otherwise one character per byte
/// (ISO-8859-1), so that no byte is ever replaced.
func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
  var ascii = true
  for byte in bytes where byte >= 0x80 {
    ascii = false
    break
  }
  if ascii { return String(decoding: bytes, as: UTF8.self) }
  if let text = String(validating: bytes, as: UTF8.self) { return text }
  var scalars = String.UnicodeScalarView()
  for byte in bytes { scalars.append(Unicode.Scalar(byte)) }
  return String(scalars)
}
