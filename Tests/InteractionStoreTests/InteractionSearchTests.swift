import Foundation
import Testing
@testable import InteractionStore
import InteractionDemo
import InteractionModel
@testable import EventLog
import StoreSQLite

/// The console list's search (`interactionsNewestFirst(matching:…)`): a substring of the id, the
/// contact or an agent, ASCII case folded, wildcards taken literally; `LIKE` selects exactly
/// what the `instr` scan selected.
@Suite struct InteractionSearchTests {
    private static func ms(_ clock: String) -> Int64 { ReportsLog.ms(clock) }

    /// Chats `Chat_A1` (contact `cust%1`, agent `Agent.X`), `chat-b2` (contact `cust_2`, agent
    /// `agent.y`), `chat-c3` (contact `CUST\3`, agent `agent.y`) and `chat-d4` (contact `x`).
    static var log: ReportsLog {
        var log = ReportsLog()
        let chats = [("Chat_A1", "cust%1", ["Agent.X"]), ("chat-b2", "cust_2", ["agent.y"]),
                     ("chat-c3", "CUST\\\\3", ["agent.y"]), ("chat-d4", "x", [])]
        for (index, chat) in chats.enumerated() {
            let clock = "0\(index + 1):00:00"
            log.add("chat.started", clock, #""interaction":"\#(chat.0)","contact":{"id":"\#(chat.1)","name":"N"}"#)
            for agent in chat.2 { log.owner(agent, joins: chat.0, at: "0\(index + 1):00:01") }
        }
        return log
    }

    private func ids(_ store: Store, _ search: String?) throws -> [String] {
        try store.interactionsNewestFirst(matching: search, before: nil, limit: 100).rows.map(\.id)
    }

    /// The rows the scan with `instr(lower(…))` selects, newest first.
    private func byInstr(_ store: Store, _ search: String) throws -> [String] {
        try store.read { db in
            try db.query(NewestInteractionQueries.pageByInstr, [search.lowercased(), nil as Int64?, nil as String?, Int64(101)]) { $0.string(0) }
        }
    }

    @Test func aSearchMatchesIdsContactsAndAgentsAsSubstrings() throws {
        try withTempDirectory(prefix: "search") { dir in
            let store = try Self.log.store(in: dir)
            #expect(try ids(store, nil) == ["chat-d4", "chat-c3", "chat-b2", "Chat_A1"])
            #expect(try ids(store, "CHAT_a") == ["Chat_A1"], "id, ASCII case folded")
            #expect(try ids(store, "cust") == ["chat-c3", "chat-b2", "Chat_A1"], "contact, either case")
            #expect(try ids(store, "agent.x") == ["Chat_A1"], "agent, either case")
            #expect(try ids(store, "agent.") == ["chat-c3", "chat-b2", "Chat_A1"])
            #expect(try ids(store, "t.y") == ["chat-c3", "chat-b2"])
            #expect(try ids(store, "nobody").isEmpty)
        }
    }

    @Test func wildcardsAndTheEscapeAreLiteral() throws {
        try withTempDirectory(prefix: "search-wild") { dir in
            let store = try Self.log.store(in: dir)
            #expect(try ids(store, "%") == ["Chat_A1"], "only cust%1 holds a percent sign")
            #expect(try ids(store, "_") == ["chat-b2", "Chat_A1"], "Chat_A1 and cust_2 hold an underscore")
            #expect(try ids(store, "t%1") == ["Chat_A1"])
            #expect(try ids(store, "cust_") == ["chat-b2"], "_ is not any character: cust%1 does not match")
            #expect(try ids(store, "\\") == ["chat-c3"])
            #expect(try ids(store, "t\\3") == ["chat-c3"])
            for search in ["%", "_", "\\", "cust_", "t\\3", "a", "AGENT", "chat-", "x", "é", ""] {
                #expect(try ids(store, search) == byInstr(store, search), "\(search)")
            }
        }
    }

    @Test func aTextLikeCannotTakeIsSearchedByInstr() throws {
        #expect(NewestInteractionQueries.likePattern("a%b_c\\d") == "%a\\%b\\_c\\\\d%")
        #expect(NewestInteractionQueries.likePattern("a\u{0}b") == nil, "SQLite ends a pattern at a NUL")
        #expect(NewestInteractionQueries.likePattern(String(repeating: "a", count: 49_998)) != nil)
        #expect(NewestInteractionQueries.likePattern(String(repeating: "a", count: 49_999)) == nil, "over SQLite's pattern limit")
        try withTempDirectory(prefix: "search-long") { dir in
            let store = try Self.log.store(in: dir)
            #expect(try ids(store, String(repeating: "a", count: 60_000)).isEmpty, "no error: the instr scan answers")
            #expect(try ids(store, "cust\u{0}").isEmpty)
        }
    }

    @Test func aDemoStoreSelectsTheSameRowsEitherWay() throws {
        try withTempDirectory(prefix: "search-demo") { dir in
            let store = try Store(path: dir.databasePath)
            let events = Array(DemoGenerator(interactions: 150, seed: 3))
            try store.apply(events)
            let sample = try store.interactionsNewestFirst(matching: nil, before: nil, limit: 100).rows
            let contact = try #require(sample.compactMap(\.contact).last)
            let agent = try #require(sample.flatMap(\.agents).first)
            for search in [contact, contact.uppercased(), agent, String(agent.prefix(4)), "consult", "-0", "zzz"] {
                let found = try ids(store, search)
                #expect(found == Array(try byInstr(store, search).prefix(100)), "\(search)")
            }
            #expect(try ids(store, contact).count >= 1)
        }
    }
}
