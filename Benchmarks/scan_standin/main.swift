import Scan

// `scan` as the authshift command runs it, built outside SwiftPM (Benchmarks/scan_standin/build.sh)
// with the optimization of a release build, for timing the scanner of any commit when a full
// release build of the package takes too long on a loaded machine:
//   authshift-scan scan --format json ROOTS          (what Benchmarks/scan_vs_ripgrep.py times)
//   authshift-scan scan --front-end-passes N ROOTS   (the front-end figure)
var args = Array(CommandLine.arguments.dropFirst())
if args.first == "scan" { args.removeFirst() }
if args.first == "--front-end-passes", args.count >= 2, let passes = Int(args[1]) {
    let r = try FrontEndBenchmark.run(Array(args.dropFirst(2)), passes: passes)
    print("{\"files\": \(r.files), \"bytes\": \(r.bytes), \"passes\": \(r.passes), \"tokens\": \(r.tokens), \"commands\": \(r.commands), "
        + "\"parseMBps\": \(r.megabytesPerSecond(r.parseSeconds)), \"contextMBps\": \(r.megabytesPerSecond(r.contextSeconds))}")
} else {
    if args.first == "--format" { args.removeFirst(2) }
    print(try ScanReport.json(TreeScanner.scan(args)), terminator: "")
}
