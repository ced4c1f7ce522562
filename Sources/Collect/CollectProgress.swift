/// What a collection reports as it goes, for a progress line on a terminal. All methods are
/// optional to act on; the command draws them only when standard error is a terminal.
public protocol CollectProgress: Sendable {
    func pageWritten(dataset: String, page: Int, items: Int)
    func waiting(dataset: String, status: Int, seconds: Double)
    func finished(dataset: String, pages: Int, items: Int, resumed: Bool)
}
