/// How the plan's alternatives read, in one place for the screen and the command line.
public enum PlanWording {
    /// A further step of an item: `或：` before its action, which is the whole work from today's figures (it
    /// replaces the first step, it does not follow it). The colon keeps `或` from joining the action's first
    /// word: `或再培训2名…` read as "train two more" on top of the first step.
    public static func alternative(_ action: String) -> String { "或：" + action }
}
