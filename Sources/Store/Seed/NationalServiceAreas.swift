/// The national list of service areas a municipality picks from (it may add its own as well).
enum NationalServiceAreas {
  static let names = [
    "Ældreområdet",
    "Dagtilbud",
    "Folkeskole",
    "Borgerservice og administration",
    "Integrationsområdet",
    "Beskæftigelse",
    "Sundhed og forebyggelse",
    "Kultur og fritid",
    "Teknik og miljø",
    "Handicap og psykiatri",
    "Børn og unge med særlige behov",
    "Byggesager",
  ]
}
