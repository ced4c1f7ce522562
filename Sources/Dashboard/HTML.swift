import Reports

/// Markup that is safe to send: text only becomes `HTML` through `HTML.escape` or through an
/// interpolation, and every interpolated `String` (or other value) is escaped on the way in.
/// Sender names, owners and notes come from exports and from people, so nothing reaches a page
/// without passing the one escaping function below; only `HTML` values built here nest unescaped.
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public private(set) var text: String

    /// Literal markup written in this module's own templates.
    public init(stringLiteral value: String) { text = value }

    public init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    private init(trusted: String) { text = trusted }

    public var description: String { text }

    /// The one escaping function: `& < > " '` become entities (and characters XML forbids are
    /// dropped), so a value is inert as element text and inside a quoted attribute. It is the
    /// project's one HTML escaper, shared with report.html (`HTMLReport.e`).
    public static func escape(_ value: String) -> HTML {
        HTML(trusted: HTMLReport.e(value))
    }

    public static func + (a: HTML, b: HTML) -> HTML { HTML(trusted: a.text + b.text) }

    public static func += (a: inout HTML, b: HTML) { a.text += b.text }

    public struct Interpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }

        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// Nested markup built by this module.
        public mutating func appendInterpolation(_ html: HTML) { text += html.text }

        /// Any other value: escaped.
        public mutating func appendInterpolation(_ value: some CustomStringConvertible) {
            text += HTML.escape(value.description).text
        }

        /// An optional value: escaped, or `placeholder` when absent.
        public mutating func appendInterpolation(_ value: (some CustomStringConvertible)?, or placeholder: String = "") {
            text += HTML.escape(value.map(\.description) ?? placeholder).text
        }
    }
}

extension Sequence where Element == HTML {
    /// Concatenates markup fragments.
    func joined() -> HTML { reduce(into: HTML("")) { $0 += $1 } }
}

extension HTML {
    /// Markup made by another module's renderer that escapes its own text (the burn-down SVG
    /// of `Reports.BurnDownChart`); the one way such markup enters a page.
    static func trustedSVG(_ svg: String) -> HTML {
        var html: HTML = ""
        html.text = svg
        return html
    }
}
