#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file operation failed, in Chinese: `strerror` and Foundation give English text, and every message the
/// clerk reads must be Chinese and say what to do.
public enum SystemError {
    public static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "没有权限，请检查文件和所在目录的权限"
        case ENOENT: "目录不存在，请先创建目录或换一个路径"
        case ENOTDIR: "路径中有一段不是目录，请检查路径"
        case EISDIR: "这是一个目录，请给出文件名"
        case ENOSPC: "磁盘空间不足，请清理磁盘后重试"
        case EDQUOT: "超出磁盘配额，请清理文件后重试"
        case EROFS: "所在文件系统只读，请换一个位置"
        case ENAMETOOLONG: "文件名太长，请换一个短一些的名字"
        case EEXIST: "文件已存在，请换一个文件名"
        case ELOOP: "路径中的符号链接过多，请检查路径"
        case EIO: "磁盘读写出错，请检查磁盘后重试"
        case EMFILE, ENFILE: "打开的文件过多，请关闭其他程序后重试"
        default: "系统错误（代码\(code)），请检查路径和磁盘后重试"
        }
    }
}
