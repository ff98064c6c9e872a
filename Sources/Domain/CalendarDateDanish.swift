extension CalendarDate {
  /// "31.12.2012": the numeric form Danish documents use (day and month in two digits, the year as it is).
  public var danishNumeric: String {
    String(unsafeUninitializedCapacity: 10) { writeDanishNumeric(to: $0.baseAddress!) }
  }

  /// `danishNumeric` written as UTF-8 to `destination`, which must have room for 10 bytes; returns how many it
  /// wrote.
  public func writeDanishNumeric(to destination: UnsafeMutablePointer<UInt8>) -> Int {
    func digit(_ value: Int) -> UInt8 { UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value) }
    destination[0] = digit(day / 10)
    destination[1] = digit(day % 10)
    destination[2] = UInt8(ascii: ".")
    destination[3] = digit(month / 10)
    destination[4] = digit(month % 10)
    destination[5] = UInt8(ascii: ".")
    var count = 6
    var divisor = 1000  // years run to 9999
    while divisor > 1 && year < divisor { divisor /= 10 }
    while divisor > 0 {
      destination[count] = digit(year / divisor % 10)
      count += 1
      divisor /= 10
    }
    return count
  }
}

extension CalendarDate {
  /// "22. juni 2010": the date in words, as Danish running text writes it (no leading zeros).
  public var danishText: String {
    String(unsafeUninitializedCapacity: 18) { writeDanishText(to: $0.baseAddress!) }
  }

  /// `danishText` written as UTF-8 to `destination`, which must have room for 18 bytes ("30. september 9999");
  /// returns how many it wrote.
  public func writeDanishText(to destination: UnsafeMutablePointer<UInt8>) -> Int {
    var count = 0
    func put(_ byte: UInt8) {
      destination[count] = byte
      count += 1
    }
    func number(_ value: Int) {
      var divisor = 1000  // years run to 9999, days to 31
      while divisor > 1 && value < divisor { divisor /= 10 }
      while divisor > 0 {
        put(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: value / divisor % 10))
        divisor /= 10
      }
    }
    number(day)
    put(UInt8(ascii: "."))
    put(UInt8(ascii: " "))
    CalendarDate.danishMonthNames[month - 1].withUTF8Buffer { name in
      for byte in name { put(byte) }
    }
    put(UInt8(ascii: " "))
    number(year)
    return count
  }

  /// The months' names in Danish, January first.
  private static let danishMonthNames: [StaticString] = [
    "januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
    "november",
    "december",
  ]
}
