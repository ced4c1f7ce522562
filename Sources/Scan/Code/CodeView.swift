import Foundation

/// Source code split into what runs and what it says: comments are blanked (line breaks
/// kept, so line numbers hold) and string literals are collected with their lines.
///
/// Comment syntax per language: `//` and `/* */` (C#, JavaScript, Java, Go, PHP), `#`
/// (Python, PHP), `'` (Visual Basic). Strings: `"…"` and `'…'` with backslash escapes,
/// C# verbatim `@"…"`, Python triple quotes, JavaScript and Go backticks.
public struct CodeView: Sendable {
    public struct StringLiteral: Sendable, Equatable {
        public var value: String
        public var line: Int
    }

    /// The code with comments replaced by spaces; string contents kept.
    public var code: String
    public var strings: [StringLiteral]
    /// `code` as bytes, for the searches.
    let codeBytes: [UInt8]

    public init(bytes: [UInt8], language: SourceLanguage) {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var strings: [StringLiteral] = []
        var i = 0
        var line = 1
        let slashComments = [.csharp, .javascript, .java, .go, .php].contains(language)
        let hashComments = language == .python || language == .php
        let quoteComments = language == .visualBasic
        func blank(_ b: UInt8) { out.append(b == 0x0A ? 0x0A : 0x20) }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                out.append(b)
                i += 1
                continue
            }
            if slashComments, b == 0x2F, i + 1 < bytes.count, bytes[i + 1] == 0x2F || bytes[i + 1] == 0x2A {
                let block = bytes[i + 1] == 0x2A
                let start = i
                while i < bytes.count {
                    if !block && bytes[i] == 0x0A { break }
                    if block && i >= start + 3 && bytes[i] == 0x2F && bytes[i - 1] == 0x2A {
                        blank(bytes[i])
                        i += 1
                        break
                    }
                    if bytes[i] == 0x0A { line += 1 }
                    blank(bytes[i])
                    i += 1
                }
                continue
            }
            if (hashComments && b == 0x23) || (quoteComments && b == 0x27) {
                while i < bytes.count, bytes[i] != 0x0A {
                    blank(bytes[i])
                    i += 1
                }
                continue
            }
            let triple = language == .python && i + 2 < bytes.count && (b == 0x22 || b == 0x27) && bytes[i + 1] == b && bytes[i + 2] == b
            let quote =
                b == 0x22 || (b == 0x27 && !quoteComments && language != .visualBasic)
                || (b == 0x60 && (language == .javascript || language == .go))
            if triple || quote {
                let startLine = line
                let verbatim = language == .csharp && i > 0 && bytes[i - 1] == 0x40
                let width = triple ? 3 : 1
                out.append(contentsOf: bytes[i..<(i + width)])
                i += width
                var value: [UInt8] = []
                while i < bytes.count {
                    if !verbatim && bytes[i] == 0x5C && b != 0x60, i + 1 < bytes.count {
                        value.append(bytes[i + 1])
                        out.append(contentsOf: bytes[i...(i + 1)])
                        i += 2
                        continue
                    }
                    if bytes[i] == b && (!triple || (i + 2 < bytes.count && bytes[i + 1] == b && bytes[i + 2] == b)) {
                        if verbatim && i + 1 < bytes.count && bytes[i + 1] == b {
                            value.append(b)
                            out.append(contentsOf: [b, b])
                            i += 2
                            continue
                        }
                        break
                    }
                    if bytes[i] == 0x0A {
                        line += 1
                        if !triple && b != 0x60 && !verbatim { break }  // unterminated on this line
                    }
                    value.append(bytes[i])
                    out.append(bytes[i])
                    i += 1
                }
                if i < bytes.count && bytes[i] == b {
                    out.append(contentsOf: bytes[i..<min(i + width, bytes.count)])
                    i += width
                }
                strings.append(StringLiteral(value: String(decoding: value, as: UTF8.self), line: startLine))
                continue
            }
            out.append(b)
            i += 1
        }
        code = String(decoding: out, as: UTF8.self)
        codeBytes = out
        self.strings = strings
    }

    /// 1-based line of the first occurrence of `needle` in the code (comments excluded),
    /// ignoring ASCII case; a byte search (`ASCIICase`), not a Foundation one.
    public func line(of needle: String) -> Int? {
        guard !needle.isEmpty else { return nil }
        return codeBytes.withUnsafeBufferPointer { hay in
            guard let at = ASCIICase.firstIndex(of: Array(needle.utf8), in: hay) else { return nil }
            return 1 + hay[..<at].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        }
    }

    public func contains(_ needle: String) -> Bool { line(of: needle) != nil }
}
