import Testing
@testable import InteractionStore

/// `Redactor`: each pattern is masked, and the look-alikes are not.
@Suite struct ExportRedactorTests {
    private let redactor = Redactor()

    @Test(arguments: [
        ("mail dana.reyes@example.com now", "mail [email] now"),
        ("<dana+vip@mail.example.co.uk>", "<[email]>"),
        ("Dana.O'Neil@example.org.", "[email]."),
        ("two: a@b.io, c_d@e-f.com", "two: [email], [email]"),
        ("first.last-1@sub.domain.travel!", "[email]!"),
    ])
    func emailAddressesAreMasked(input: String, expected: String) {
        #expect(redactor.redact(input) == expected)
    }

    @Test(arguments: [
        "ping @agent.kim", "user@localhost", "a@b", "x@y.c", "@@", "name@-bad.com", "trailing@", "me@example.c0m",
    ])
    func notEmailAddresses(input: String) {
        #expect(redactor.redact(input) == input)
    }

    @Test(arguments: [
        ("call +1 (555) 123-4567 today", "call [phone] today"),
        ("555-123-4567", "[phone]"),
        ("(030) 1234567", "[phone]"),
        ("+44 20 7946 0958.", "[phone]."),
        ("my number is 5551234567", "my number is [phone]"),
        ("tel:+4930123456", "tel:[phone]"),
        ("0049 30 1234567, or 0171-1234567", "[phone], or [phone]"),
        ("(phone 5551234 ext)", "(phone [phone] ext)"),
        ("(5551234)", "[phone]"),
        ("call 555-1234", "call [phone]"),
        ("on 2026-11-24 call 555 123 4567", "on 2026-11-24 call [phone]"),
        ("2026-11-24 5551234567", "2026-11-24 [phone]"),
    ])
    func phoneNumbersAreMasked(input: String, expected: String) {
        #expect(redactor.redact(input) == expected)
    }

    @Test(arguments: [
        ("card 4111 1111 1111 1111 exp 12/29", "card [card] exp 12/29"),
        ("4111-1111-1111-1111", "[card]"),
        ("pay with 4111111111111111.", "pay with [card]."),
        ("amex 3782 822463 10005", "amex [card]"),
        ("5500 0000 0000 0004", "[card]"),
        ("6011000990139424", "[card]"),
    ])
    func luhnValidCardNumbersAreMasked(input: String, expected: String) {
        #expect(redactor.redact(input) == expected)
    }

    @Test(arguments: [
        "order ORD-12345", "ORD-1234567890", "ticket #12345", "ticket #1234567", "ref ORD12345678",
        "on 2026-11-24", "2026-11-24T09:00:00.000Z", "from 24-11-2026 to 30-11-2026", "2026-11-24 - 2026-11-30",
        "at 12:30:45", "pi is 3.14159265", "total $1,234,567.89", "1234567.89 EUR", "version 10.15.7",
        "order 12345", "4111 1111 1111 1112 9", "1234 5678 9012 3456", "room 101, floor 3",
        "id abc-5551234567", "5551234567abc", "user_5551234567", "path /var/5551234567/x",
    ])
    func lookAlikesAreKept(input: String) {
        #expect(redactor.redact(input) == input)
    }

    @Test func everythingElseIsKeptByteForByte() {
        let text = "Grüße 👋 — nul \u{0} tab\t, «quotes» and ünïcödé; ask dana@example.com or 555-123-4567."
        #expect(redactor.redact(text) == "Grüße 👋 — nul \u{0} tab\t, «quotes» and ünïcödé; ask [email] or [phone].")
        #expect(redactor.redact("") == "")
        #expect(redactor.redact("no digits, no at signs") == "no digits, no at signs")
    }

    @Test func aCardFailingLuhnIsAPhoneOnlyWhenShortEnough() {
        // 13 digits, Luhn fails: not a card, but 7–15 digits make it a phone-like number.
        #expect(redactor.redact("4111111111112") == "[phone]")
        // 16 digits, Luhn fails: neither.
        #expect(redactor.redact("4111111111111112") == "4111111111111112")
    }
}
