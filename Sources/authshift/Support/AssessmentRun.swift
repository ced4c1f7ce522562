import Analysis
import AuthShiftCore
import Ingest

/// Reads the exports and assesses them: the shared first half of assess, plan, check,
/// exceptions check and explain-mailbox.
struct AssessmentRun {
    let loaded: ExportFolderReader.Result
    let options: AssessOptions
    let register: Register

    init(input: ExportInputOptions, assessment: AssessmentOptions, extra: [String] = [], warnDays: Int = 14, hashInputs: Bool = true) throws
    {
        loaded = try ExportLoading.load(input, extra: extra + (assessment.inventory.map { [$0] } ?? []))
        var options = AssessOptions(
            asOf: assessment.asOfDay, timeline: assessment.timeline, volumeThresholds: assessment.thresholds!,
            recentUseDays: assessment.recentUseDays, generatedBy: "authshift \(AuthShiftVersion.current)")
        options.warnDays = warnDays
        options.credentialWarnDays = assessment.credentialWarnDays
        self.options = options
        register = Assessor.assess(
            loaded.snapshot, files: hashInputs ? loaded.files : [], digests: hashInputs ? InputDigest.sha256(of: loaded.files) : [:],
            options: options)
    }

    var snapshot: TenantSnapshot { loaded.snapshot }

    /// 65 or 66 when some file could not be read (with --keep-going), else nil.
    var readFailure: ExitStatus? { loaded.errors.isEmpty ? nil : ExitMapping.status(for: loaded.errors) }
}
