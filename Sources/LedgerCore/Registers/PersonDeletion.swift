/// What deleting a person does to the services recorded for them: the services stay (they happened) and become
/// errors, since their person is no longer in the register. The store refuses such a delete unless the clerk was
/// told the number; the app's delete dialog tells it in these words.
public enum PersonDeletion {
    public static func servicesLeft(_ services: Int) -> String {
        "此人有\(services)条服务记录，删除后这些服务记录将报错误（服务对象不在摸底台账中），直到恢复此人"
    }
}
