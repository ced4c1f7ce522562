import AuthShiftCore

/// The one place a value becomes YAML text: a double-quoted scalar (YAML 1.2 §7.3.1) with
/// backslash, quote and every control character escaped, so no address, name or note from an
/// export can end a string, start a comment or add a setting.
public enum YAMLScalar {
    public static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _
            where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar.value == 0x2028
                || scalar.value == 0x2029:
                out += "\\u" + scalar.value.zeroPadded(4, radix: 16, uppercase: true)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    public static func list(_ values: [String]) -> String {
        "[" + values.map(quoted).joined(separator: ", ") + "]"
    }
}
