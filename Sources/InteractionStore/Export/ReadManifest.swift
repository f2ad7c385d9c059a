import EventLog
/// A `manifest.json` read back for `storectl verify`: the fields the checks need, each of the
/// type the export writes.
struct ReadManifest {
    /// Why a manifest could not be read.
    struct Unreadable: Error {
        var reason: String
    }

    /// One listed file.
    struct File {
        var entity: String
        var name: String
        var rows: Int
        var bytes: Int
        var sha256: String
    }

    var version: Int
    var full: Bool
    var previousHead: String?
    var storeHead: String
    var files: [File]

    /// Parses the manifest's bytes.
    /// - Throws: `Unreadable` naming the first field that is missing or of the wrong type.
    init(_ bytes: [UInt8]) throws(Unreadable) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw Unreadable(reason: "invalid JSON: \(error.description)")
        }
        guard case .object(let object) = value else { throw Unreadable(reason: "not a JSON object") }
        version = try Self.integer(object, "manifest_version")
        guard case .bool(let full)? = object["full"] else { throw Unreadable(reason: "full is not true or false") }
        self.full = full
        guard case .array(let items)? = object["files"] else { throw Unreadable(reason: "files is not an array") }
        var files: [File] = []
        for (index, item) in items.enumerated() {
            guard case .object(let file) = item else { throw Unreadable(reason: "files[\(index)] is not an object") }
            let name = try Self.string(file, "name", in: "files[\(index)]")
            // A name is a file of the run's directory, never a path elsewhere.
            guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                throw Unreadable(reason: "files[\(index)].name \(name) is not a file name")
            }
            files.append(File(entity: try Self.string(file, "entity", in: "files[\(index)]"), name: name,
                              rows: try Self.integer(file, "rows", in: "files[\(index)]"),
                              bytes: try Self.integer(file, "bytes", in: "files[\(index)]"),
                              sha256: try Self.string(file, "sha256", in: "files[\(index)]")))
        }
        self.files = files
        switch object["previous_head"] {
        case .string(let text)?: previousHead = text
        case .null?, nil: previousHead = nil
        default: throw Unreadable(reason: "previous_head is not a string or null")
        }
        // A version 1 manifest (before anchoring) has no heads; `verify` reports its missing chains.
        if object["store_head"] == nil, version < 2 {
            storeHead = ""
        } else {
            storeHead = try Self.string(object, "store_head")
        }
    }

    private static func string(_ object: JSONObject, _ key: String, in place: String? = nil) throws(Unreadable) -> String {
        guard case .string(let text)? = object[key] else {
            throw Unreadable(reason: "\(place.map { "\($0)." } ?? "")\(key) is not a string")
        }
        return text
    }

    private static func integer(_ object: JSONObject, _ key: String, in place: String? = nil) throws(Unreadable) -> Int {
        guard case .number(let text)? = object[key], let number = Int(text), number >= 0 else {
            throw Unreadable(reason: "\(place.map { "\($0)." } ?? "")\(key) is not a non-negative integer")
        }
        return number
    }
}
