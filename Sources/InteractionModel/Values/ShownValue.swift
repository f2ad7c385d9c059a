/// Shows a value in an error message: quoted, and cut short so a 100 KB id cannot flood stderr.
package func shown(_ value: String) -> String {
    let limit = 80
    let cut = value.unicodeScalars.count > limit
    let prefix = cut ? String(String.UnicodeScalarView(value.unicodeScalars.prefix(limit))) : value
    return JSONWriter.quote(prefix) + (cut ? "… (\(value.utf8.count) bytes)" : "")
}
