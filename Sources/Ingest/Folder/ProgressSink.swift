/// Receives progress while a long file is read. The executable shows it on a terminal
/// and passes nil otherwise, so nothing is printed into pipes or logs.
public protocol ProgressSink: AnyObject {
    func progress(file: String, bytesRead: Int64, totalBytes: Int64, rows: Int)
    func finished(file: String)
}
