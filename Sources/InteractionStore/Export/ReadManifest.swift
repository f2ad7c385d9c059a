import Foundation

/// A `manifest.json` read back for `storectl verify` by Foundation's `JSONDecoder`: the fields
/// the checks need, each of the type the export writes (`ExportManifest` writes them).
struct ReadManifest: Decodable {
    /// Why a manifest could not be read: `reason` names the first field that is missing or of
    /// the wrong type (`files[2].rows is not a non-negative integer`), or the JSON's fault.
    struct Unreadable: Error {
        var reason: String
    }

    /// One listed file.
    struct File: Decodable {
        var entity: String
        var name: String
        var rows: Int
        var bytes: Int
        var sha256: String

        private enum CodingKeys: String, CodingKey { case entity, name, rows, bytes, sha256 }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            entity = try container.decode(String.self, forKey: .entity)
            name = try container.decode(String.self, forKey: .name)
            // A name is a file of the run's directory, never a path elsewhere.
            guard !name.isEmpty, !name.contains("/"), name != ".", name != ".." else {
                throw DecodingError.dataCorruptedError(forKey: .name, in: container, debugDescription: "\(name) is not a file name")
            }
            rows = try ReadManifest.count(container, .rows)
            bytes = try ReadManifest.count(container, .bytes)
            sha256 = try container.decode(String.self, forKey: .sha256)
        }
    }

    var version: Int
    var full: Bool
    var previousHead: String?
    var storeHead: String
    var files: [File]

    private enum CodingKeys: String, CodingKey {
        case version = "manifest_version", full, previousHead = "previous_head", storeHead = "store_head", files
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try Self.count(container, .version)
        full = try container.decode(Bool.self, forKey: .full)
        files = try container.decode([File].self, forKey: .files)
        previousHead = try container.decodeIfPresent(String.self, forKey: .previousHead)
        // A version 1 manifest (before anchoring) has no heads; `verify` reports its missing chains.
        if version < 2, !container.contains(.storeHead) {
            storeHead = ""
        } else {
            storeHead = try container.decode(String.self, forKey: .storeHead)
        }
    }

    /// Parses the manifest's bytes.
    /// - Throws: `Unreadable` naming the first field that is missing or of the wrong type.
    init(_ bytes: [UInt8]) throws(Unreadable) {
        do {
            self = try JSONDecoder().decode(ReadManifest.self, from: Data(bytes))
        } catch let error as DecodingError {
            throw Unreadable(reason: Self.reason(error))
        } catch {
            throw Unreadable(reason: "invalid JSON: \(error)")
        }
    }

    /// A count: an integer of at least 0.
    private static func count<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws -> Int {
        let value = try container.decode(Int.self, forKey: key)
        guard value >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "is not a non-negative integer")
        }
        return value
    }

    /// The decoder's error as the field and what is wrong with it.
    private static func reason(_ error: DecodingError) -> String {
        switch error {
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return "\(path(context.codingPath)) is not \(expected(type))"
        case let .keyNotFound(key, context):
            return "\(path(context.codingPath + [key])) is missing"
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty {
                let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
                return "invalid JSON: \(underlying ?? context.debugDescription)"
            }
            let description = context.debugDescription
            let field = path(context.codingPath)
            return description.hasPrefix("is ") ? "\(field) \(description)" : "\(field): \(description)"
        @unknown default:
            return "\(error)"
        }
    }

    /// `files[2].rows` for the path the decoder was at.
    private static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "the manifest" : text
    }

    private static func expected(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type: return "a non-negative integer"
        case is [File].Type: return "an array"
        default: return "an object"
        }
    }
}
