/// What `authshift --version` prints: the release version and the source commit it was built from.
///
/// `version` is the one place the version is written; scripts/release.sh reads it back from the built
/// binary to name the tarball and the Debian package. The commit comes from `ReleaseStamp.swift`, which
/// scripts/release.sh writes (git-ignored) and compiles in with `-DAUTHSHIFT_RELEASE_STAMP`, then removes.
/// A plain `swift build` or `swift run` of a clean clone has no stamp and says so instead of guessing.
enum AuthShiftVersion {
    static let version = "0.1.0"

    #if AUTHSHIFT_RELEASE_STAMP
        static let commit = ReleaseStamp.commit
    #else
        static let commit = "unknown (built without scripts/release.sh)"
    #endif

    /// The version alone, as reports and generated scripts name their producer ("authshift 0.1.0").
    static let current = version

    /// `authshift --version`: the version first (scripts/release.sh reads it), then the commit.
    static let versionAndCommit = "\(version) (source commit \(commit))"
}
