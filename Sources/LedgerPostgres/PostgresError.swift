import LedgerStore
import PostgresNIO

/// A failure of the PostgreSQL engine, as the store's Chinese `StoreError` (what the CLI and the app show).
func PostgresError(_ message: String, detail: String = "") -> StoreError { StoreError(message, detail: detail) }

enum PostgresFailure {
    /// The SQLSTATE of a server error, if the error is one.
    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// Whether an error says the connection is gone (the server restarted or shut the session down, the network
    /// dropped it, or it could not be made): nothing more can be done on it, and a new one may succeed.
    static func isConnectionLoss(_ error: any Error) -> Bool {
        if let store = error as? StoreError { return store.connectionLost }
        if error is ConnectionClosing.Closed { return true }
        if let state = sqlState(error) {
            // 08: connection exception; 57P01–57P03: administrator or crash shutdown, server starting up.
            return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
        }
        guard let psql = error as? PSQLError else { return false }
        return [.serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown].contains(psql.code)
    }

    /// Turns a connection failure into a Chinese message that says what to check.
    static func connecting(_ error: any Error, to location: PostgresLocation) -> StoreError {
        let detail = String(reflecting: error)
        let place = "\(location.host):\(location.port)"
        if let state = sqlState(error) {
            switch state {
            case "28P01":
                return StoreError("无法登录数据库：用户 \(location.user) 的口令错误。请检查 PGPASSWORD 或 ~/.pgpass", detail: detail)
            case "28000":
                return StoreError("数据库服务器拒绝了用户 \(location.user) 的登录（pg_hba.conf 未允许，或没有此用户）。请联系区县管理员", detail: detail)
            case "3D000":
                return StoreError("数据库 \(location.database) 不存在。请由区县管理员先建立数据库（createdb）", detail: detail)
            case "53300":
                return StoreError("数据库连接数已满，请稍后重试或联系区县管理员", detail: detail)
            case "57P03":
                return StoreError("数据库服务器正在启动，请稍候", detail: detail, connectionLost: true)
            default:
                return StoreError("无法连接数据库 \(location.description)", detail: detail)
            }
        }
        if let psql = error as? PSQLError {
            switch psql.code {
            case .authMechanismRequiresPassword:
                return StoreError("数据库服务器要求口令：请设置环境变量 PGPASSWORD，或在 ~/.pgpass 中写入口令（文件权限须为 600）", detail: detail)
            case .sslUnsupported:
                return StoreError("数据库服务器 \(place) 不支持加密连接，而地址要求加密（sslmode=require）", detail: detail)
            default: break
            }
        }
        // Refused, timed out, unreachable: the server may come back (a restart), so an open app keeps trying.
        return StoreError("无法连接数据库服务器 \(place)：请检查服务器是否在运行、主机名和端口是否正确、网络是否通畅", detail: detail,
                          connectionLost: true)
    }

    /// Turns a failed statement into a Chinese message; `writing` says whether data was being saved.
    static func statement(_ error: any Error, writing: Bool) -> StoreError {
        if let store = error as? StoreError { return store }
        let detail = String(reflecting: error)
        let lost = writing ? "数据未保存：" : "读取数据失败："
        switch sqlState(error) {
        case "CY001"?, "CY002"?:
            // The database's own refusal in the app's words (a locked period, a step only a supervisor takes).
            return StoreError((error as? PSQLError)?.serverInfo?[.message] ?? lost + "数据库拒绝了这项修改", detail: detail)
        case "42501"?:
            return StoreError(lost + "当前数据库用户无权访问这些数据。请联系区县管理员授权", detail: detail)
        case "23503"?:
            return StoreError(lost + "引用的社区或记录不存在（社区代码是否正确？）", detail: detail)
        case "23505"?:
            return StoreError(lost + "与已有记录重复（可能有人刚刚保存了同一记录），请刷新后重试", detail: detail)
        case "40001"?, "40P01"?:
            return StoreError(lost + "与其他人的修改冲突，请重试", detail: detail)
        case "55P03"?:
            // A wait given up (lock_timeout): another session holds what this write needs.
            return StoreError(lost + "另一处修改正在占用这些数据（可能有人的操作尚未完成），请稍后重试", detail: detail)
        case "42P01"?, "42703"?:
            return StoreError(lost + "数据库结构与本程序不符：请由区县管理员运行 chuangye admin init 初始化或升级", detail: detail)
        case "53100"?:
            return StoreError(lost + "数据库服务器磁盘空间不足，请联系区县管理员", detail: detail)
        case _ where isConnectionLoss(error):
            return StoreError(lost + "与数据库服务器的连接中断，请检查网络后重试", detail: detail, connectionLost: true)
        case nil where error is PSQLError:
            return StoreError(lost + "与数据库服务器的连接中断，请检查网络后重试", detail: detail)
        default:
            return StoreError(lost + "数据库服务器报告错误", detail: detail)
        }
    }
}
