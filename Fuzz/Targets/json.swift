// libFuzzer target: the JSON readers, built and run by Fuzz/run.sh (not part of SwiftPM).
//
// The input is a file. Besides "no crash, no trap" through ExportFileReader, the element
// stream (which reads exports record by record, here with a 16-byte buffer) and the
// whole-document parser must agree on every UTF-8 input:
// - a document that is an array: the stream yields exactly its elements (shape array);
// - an object with `value` arrays (a Graph page): the stream yields their elements in order,
//   and the object's other members as page members;
// - any other object: the stream yields that object alone (shape single-object);
// - a number, string or literal: the stream refuses it (exports start with [ or {);
// - a document the parser refuses: the stream fails too, or reads it as JSON lines (several
//   values), or as a Graph page (whose records it parses one level less deep), or reads no
//   records because the file is blank.
import Ingest

struct StreamReading {
    var shape: JSONElementStream.Shape = .empty
    var elements: [JSONValue] = []
    var pageMembers: [(key: String, value: JSONValue)] = []
    var failed = false
}

func stream(_ path: String) -> StreamReading {
    var reading = StreamReading()
    do {
        let stream = JSONElementStream(source: try UTF8ChunkSource(path: path), chunkSize: 16)
        while reading.elements.count < 100_000, let element = try stream.next() { reading.elements.append(element) }
        reading.shape = stream.shape
        reading.pageMembers = stream.pageMembers
    } catch {
        reading.failed = true
    }
    return reading
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let path = scratchFile(bytes)
    _ = ExportFileReader.read(path: path, displayPath: "fuzz", tuning: .init(threads: 2, minimumSplitBytes: 256))

    guard SourceEncoding.sniff(bytes).0 == .utf8 else { return 0 }
    let document = try? JSONParser.parseDocument(Array(bytes))
    let s = stream(path)
    guard s.elements.count < 100_000 else { return 0 }
    switch document {
    case .array(let items):
        require(!s.failed && s.shape == .array, "the parser read an array; the stream read \(s.failed ? "an error" : s.shape.rawValue)")
        require(s.elements == items, "the stream's elements differ from the array's")
    case .object(let object):
        let isValueArray = { (m: (key: String, value: JSONValue)) in m.key.lowercased() == "value" && m.value.arrayValue != nil }
        let valueArrays = object.members.filter(isValueArray)
        require(!s.failed, "the parser read an object; the stream failed")
        if valueArrays.isEmpty {
            require(s.shape == .singleObject && s.elements == [document!], "the stream did not read the object as one record (shape \(s.shape.rawValue))")
        } else {
            require(s.shape == .graphPage, "the parser read a Graph page; the stream read \(s.shape.rawValue)")
            require(s.elements == valueArrays.flatMap { $0.value.arrayValue! }, "the stream's records differ from the page's value arrays")
            let others = object.members.filter { !isValueArray($0) }
            require(JSONObject(s.pageMembers) == JSONObject(others), "the stream's page members differ from the page's other members")
        }
    case .some:
        require(s.failed, "the stream accepted a document that is neither an array nor an object")
    case nil where s.shape == .empty && !s.failed:
        require(bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }, "the stream read no records from a file that is not blank")
    case nil:
        require(s.failed || s.shape == .jsonLines || s.shape == .graphPage,
                "the parser refused the document; the stream read it as \(s.shape.rawValue)")
    }
    return 0
}
