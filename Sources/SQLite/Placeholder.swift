import CSQLite
enum SQLitePlaceholder {}
