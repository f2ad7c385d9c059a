import Testing

@testable import InteractionDemo

/// The embedded corpus is data the simulation indexes into: every pool it names must be there
/// and non-empty, with the sizes the seeds' logs depend on.
@Suite struct DemoCorpusTests {
    @Test func everyPoolTheSimulationUsesIsThereAndNotEmpty() {
        let texts = DemoTexts()
        #expect(texts.topics.count == DemoTopic.catalog.count)
        for (index, topic) in texts.topics.enumerated() {
            #expect(topic.issues.count == 3, "topic \(index)")
            #expect(topic.contactLines.count == 9 && topic.agentLines.count == 9, "topic \(index)")
            #expect(topic.consultAsk.count == 2, "topic \(index)")
        }
        for line in DemoLine.allCases where line.pool != nil {
            #expect(!texts.lines[line.index].isEmpty, "pool \(line.pool ?? "")")
        }
        for pool in [texts.notes, texts.disconnectNotes, texts.consultReplies, texts.consultDeclines,
                     texts.consultInviting, texts.consultReady] {
            #expect(!pool.isEmpty)
        }
        #expect(texts.names.count == 16 && texts.domains.count == 3 && texts.cards.count == 3)
        #expect(texts.names.allSatisfy { !$0.display.isEmpty && !$0.first.isEmpty && !$0.mailbox.contains(" ") })
        #expect(texts.names.contains { $0.display == "Sofia \"Sofi\" Rossi" })
    }

    @Test func parsingSkipsCommentsAndBlankLinesAndKeepsOrder() {
        let corpus = DemoCorpus(text: "# header\nstray\n[a]\none\n\n# note\ntwo\r\n[b]\nthree\n[a]\nfour\n")
        #expect(corpus.pool("a") == ["one", "two", "four"])
        #expect(corpus.pool("b") == ["three"])
        #expect(corpus.pool("missing").isEmpty)
    }

    @Test func placeholdersSplitOut() {
        let template = DemoTemplate("Hi {n}, mail {email} or {x}")
        // An unknown token ({x}) stays literal text.
        #expect(template.parts == [.literal("Hi "), .firstName, .literal(", mail "), .email, .literal(" or {x}")])
    }

    @Test func theFirstDayIsMarchSecond2026() {
        #expect(DemoDay.first == 1_772_409_600_000)
    }
}
