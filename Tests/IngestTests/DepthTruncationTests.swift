import AuthShiftCore
import Testing

@testable import Ingest

@Suite struct DepthTruncationTests {
    @Test func truncatedConditionalAccessExportIsRejected() {
        let folder = TemporaryFolder()
        let text =
            #"[{"id":"p1","displayName":"Block legacy authentication","state":"enabled","conditions":{"clientAppTypes":"exchangeActiveSync other","users":"@{includeUsers=System.Object[]; excludeUsers=System.Object[]}"},"grantControls":{"builtInControls":["block"]}}]"#
        let (file, _) = readFile(folder.write("ca.json", text))
        #expect(file.error?.kind == .badValue)
        #expect(file.error?.field == "conditions.users" || file.error?.field == "conditions.clientAppTypes")
        #expect(file.error?.message.contains("-Depth") == true)
    }
}
