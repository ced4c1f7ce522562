#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lists the files under a folder, for both readers of folders: Ingest (an exports folder) and
/// Scan (a script share). One walker, so the two answer the same way about hidden files, linked
/// folders, link loops and folders that cannot be read; what differs between them is a
/// parameter, not a second copy of the loop.
///
/// It reads folders with readdir(3) and its d_type, which is many times faster than
/// FileManager's enumerator on Linux (a script share has tens of thousands of files). Nothing
/// it passes over is dropped silently: folders it cannot open, links that lead nowhere and
/// linked folders it does not enter are listed in `Listing.passedOver` for the caller to show.
public struct FolderWalker: Sendable {
    /// Names starting with `.` (`.git`, `.DS_Store`, `.env`).
    public enum HiddenEntries: Sendable {
        /// Listed like any other (the caller may still report them, as Ingest does).
        case include
        /// Neither listed nor entered.
        case skip
    }

    /// Symbolic links to folders.
    public enum LinkedFolders: Sendable {
        /// Not entered, and listed as passed over.
        case skip
        /// Entered once: a folder already listed (a link loop, or two links to one folder) is
        /// passed over, so a loop cannot trap the walk.
        case follow
    }

    public struct File: Sendable, Equatable {
        /// The path to open: the folder given, then the names below it.
        public var path: String
        /// The path below the folder given, for showing to the user.
        public var relative: String
    }

    /// An entry the walk did not list or enter, and why.
    public struct PassedOver: Sendable, Equatable {
        public enum Reason: Sendable, Equatable {
            /// opendir(3) failed; the text is the system's reason (strerror).
            case unreadableFolder(String)
            /// A symbolic link whose target does not exist or cannot be reached.
            case brokenLink
            /// A linked folder under `LinkedFolders.skip`.
            case linkedFolder
            /// A folder the walk has already entered through a link (a link loop, or two ways to one folder).
            case alreadyListed
        }

        public var path: String
        /// Empty for the folder given itself.
        public var relative: String
        public var reason: Reason

        /// Why it was passed over, for the user (without the path).
        public var explanation: String {
            switch reason {
            case .unreadableFolder(let why): return "folder cannot be read (\(why))"
            case .brokenLink: return "link to nothing, skipped"
            case .linkedFolder: return "linked folder, not followed"
            case .alreadyListed: return "folder already listed through a link (a link loop or a second path), skipped"
            }
        }

        /// One line for the user, naming the entry (`display` is how the caller shows its path).
        public func message(display: String) -> String { "\(display): \(explanation)" }
    }

    public struct Listing: Sendable {
        /// Regular files (and links to regular files), sorted by `relative`.
        public var files: [File] = []
        public var passedOver: [PassedOver] = []
    }

    public var hidden: HiddenEntries
    public var linkedFolders: LinkedFolders
    /// Folder names never entered and not reported (build output, version control).
    public var skippedFolderNames: Set<String>

    public init(hidden: HiddenEntries, linkedFolders: LinkedFolders, skippedFolderNames: Set<String> = []) {
        self.hidden = hidden
        self.linkedFolders = linkedFolders
        self.skippedFolderNames = skippedFolderNames
    }

    /// What is at `path`, following a link (nil when nothing is there).
    public static func isFolder(_ path: String) -> Bool? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Every file under `folder` (a trailing `/` is ignored).
    public func list(_ folder: String) -> Listing {
        var walk = Walk(walker: self)
        let root = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        if linkedFolders == .follow, let id = Walk.identity(root) { walk.entered.insert(id) }
        walk.folder(root, relative: "")
        walk.listing.files.sort { $0.relative < $1.relative }
        return walk.listing
    }

    /// The state of one `list` call.
    private struct Walk {
        let walker: FolderWalker
        var listing = Listing()
        /// Device and inode of every folder entered, kept only when links are followed.
        var entered: Set<[UInt64]> = []

        static func identity(_ path: String) -> [UInt64]? {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return [UInt64(info.st_dev), UInt64(info.st_ino)]
        }

        mutating func folder(_ dir: String, relative: String) {
            guard let handle = opendir(dir) else {
                let why = String(cString: strerror(errno))
                listing.passedOver.append(PassedOver(path: dir, relative: relative, reason: .unreadableFolder(why)))
                return
            }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                if walker.hidden == .skip, name.utf8.first == UInt8(ascii: ".") { continue }
                let path = dir + "/" + name
                let rel = relative.isEmpty ? name : relative + "/" + name
                var type = entry.pointee.d_type
                if type == UInt8(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(path, &info) == 0 else { continue }
                    let mode = info.st_mode & S_IFMT
                    type = mode == S_IFDIR ? UInt8(DT_DIR) : (mode == S_IFLNK ? UInt8(DT_LNK) : (mode == S_IFREG ? UInt8(DT_REG) : 0))
                }
                switch type {
                case UInt8(DT_DIR):
                    guard !walker.skippedFolderNames.contains(name) else { continue }
                    if walker.linkedFolders == .follow, let id = Walk.identity(path), !entered.insert(id).inserted {
                        // Already entered through a link met earlier in this folder.
                        listing.passedOver.append(PassedOver(path: path, relative: rel, reason: .alreadyListed))
                        continue
                    }
                    folder(path, relative: rel)
                case UInt8(DT_REG):
                    listing.files.append(File(path: path, relative: rel))
                case UInt8(DT_LNK):
                    link(path, name: name, relative: rel)
                default:
                    continue  // sockets, pipes, devices: never files to read
                }
            }
        }

        mutating func link(_ path: String, name: String, relative: String) {
            var info = stat()
            guard stat(path, &info) == 0 else {
                listing.passedOver.append(PassedOver(path: path, relative: relative, reason: .brokenLink))
                return
            }
            let mode = info.st_mode & S_IFMT
            if mode == S_IFREG {
                listing.files.append(File(path: path, relative: relative))
                return
            }
            guard mode == S_IFDIR, !walker.skippedFolderNames.contains(name) else { return }
            guard walker.linkedFolders == .follow else {
                listing.passedOver.append(PassedOver(path: path, relative: relative, reason: .linkedFolder))
                return
            }
            guard entered.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else {
                listing.passedOver.append(PassedOver(path: path, relative: relative, reason: .alreadyListed))
                return
            }
            folder(path, relative: relative)
        }
    }
}
