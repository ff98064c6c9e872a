extension CalendarDate {
  /// "31.12.2012": the numeric form Danish documents use (day and month in two digits, the year as it is).
  public var danishNumeric: String {
    String(unsafeUninitializedCapacity: 10) { buffer in
      func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(value) }
      buffer[0] = digit(day / 10)
      buffer[1] = digit(day % 10)
      buffer[2] = UInt8(ascii: ".")
      buffer[3] = digit(month / 10)
      buffer[4] = digit(month % 10)
      buffer[5] = UInt8(ascii: ".")
      var count = 6
      var divisor = 1000  // years run to 9999
      while divisor > 1 && year < divisor { divisor /= 10 }
      while divisor > 0 {
        buffer[count] = digit(year / divisor % 10)
        count += 1
        divisor /= 10
      }
      return count
    }
  }
}
