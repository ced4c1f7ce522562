import AuthShiftCore
import Testing

@testable import Ingest

/// Inputs the fuzzer found (Fuzz/run.sh), kept as regression tests.
@Suite struct FuzzRegressionTests {
    @Test func hugeMessageCountIsABadValueNotACrash() {
        let folder = TemporaryFolder()
        let (file, _) = readFile(
            folder.write(
                "r.csv",
                "Sender address,Domain,Messages sent\na@contoso.com,contoso.com,5121111111111111111111111111111111111111111111111111111\n"))
        #expect(file.error?.field == "Messages sent")
        let (inf, _) = readFile(folder.write("r2.csv", "Sender address,Domain,Messages sent\na@contoso.com,contoso.com,inf\n"))
        #expect(inf.error?.field == "Messages sent")
    }

    @Test func hugeJSONNumbersDoNotTrap() {
        let folder = TemporaryFolder()
        let (file, _) = readFile(
            folder.write(
                "s.json",
                #"[{"createdDateTime": 1e300, "userPrincipalName": "a@contoso.com", "clientAppUsed": "IMAP4", "status": {"errorCode": 1e300}}]"#
            ))
        #expect(file.error?.field == "createdDateTime")
    }
}
