/// A person, a day and a type of service: what `ServiceValidator`'s same-day rule asks of the registers
/// (`ValidationContext.sameDayServices`). A form looks its answer up off the key loop with this key, so the rule
/// warns while the service is typed, not only once it is saved.
public struct SameDayServiceKey: Hashable, Sendable {
    public let person: Int64
    public let date: Day
    public let type: ServiceType

    public init(person: Int64, date: Day, type: ServiceType) {
        self.person = person
        self.date = date
        self.type = type
    }

    /// The key a validated service is judged by.
    public init(_ service: Service) {
        self.init(person: service.personId, date: service.serviceDate, type: service.serviceType)
    }
}
