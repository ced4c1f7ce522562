import Transport
import Yams

/// A YAML node with its path in the document, for typed reads that report the file, line and
/// setting of any mistake. Unknown keys are errors too: a misspelt `relayWithoutAuth` must not
/// silently leave a printer unable to send, or worse, a relay open.
struct ConfigNode {
    let node: Node
    let path: String
    let file: String

    var line: Int? { node.mark.map { $0.line } }

    func error(_ message: String) -> ConfigError { ConfigError(file: file, line: line, path: path, message: message) }

    func mapping(allowed keys: Set<String>) throws(ConfigError) -> [String: ConfigNode] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping of settings") }
        var out: [String: ConfigNode] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error("a key that is not text") }
            let childPath = path.isEmpty ? name : "\(path).\(name)"
            guard keys.contains(name) else {
                throw ConfigError(
                    file: file, line: key.mark?.line, path: childPath,
                    message: "unknown setting (known here: \(keys.sorted().joined(separator: ", ")))")
            }
            guard out[name] == nil else { throw ConfigError(file: file, line: key.mark?.line, path: childPath, message: "given twice") }
            out[name] = ConfigNode(node: value, path: childPath, file: file)
        }
        return out
    }

    func sequence() throws(ConfigError) -> [ConfigNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return sequence.enumerated().map { ConfigNode(node: $0.element, path: "\(path)[\($0.offset)]", file: file) }
    }

    func string() throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a value") }
        return scalar.string
    }

    func strings() throws(ConfigError) -> [String] {
        if case .scalar = node { return [try string()] }
        var out: [String] = []
        for item in try sequence() { out.append(try item.string()) }
        return out
    }

    func int(in range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let value = Int(try string()), range.contains(value) else {
            throw error("expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func double(in range: ClosedRange<Double>) throws(ConfigError) -> Double {
        guard let value = Double(try string()), range.contains(value) else {
            throw error("expected a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func bool() throws(ConfigError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false")
        }
    }

    func oneOf(_ choices: [String]) throws(ConfigError) -> String {
        let value = try string()
        guard choices.contains(value) else { throw error("expected one of \(choices.joined(separator: ", ")), got '\(value)'") }
        return value
    }

    /// A TLS version through Transport's one parser: an unknown name is an error, never TLS 1.0.
    func tlsVersion() throws(ConfigError) -> TLSProtocolVersion {
        let value = try string()
        do { return try TLSProtocolVersion(parsing: value) } catch { throw self.error(error.description) }
    }
}

extension Dictionary where Key == String, Value == ConfigNode {
    func required(_ key: String, in parent: ConfigNode) throws(ConfigError) -> ConfigNode {
        guard let node = self[key] else {
            throw ConfigError(file: parent.file, line: parent.line, path: parent.path, message: "missing required setting '\(key)'")
        }
        return node
    }
}
