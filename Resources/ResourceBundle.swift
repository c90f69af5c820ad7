import Foundation

/// Locates data shipped with the program (rubrics), wherever it is run from.
public enum LedgerResources {
    /// The directory that holds the rubric JSON files.
    public static var rubricsDirectory: URL? {
        Bundle.module.url(forResource: "rubrics", withExtension: nil)
    }
}
