import Foundation

/// The command line of `storebench` (parsed by hand: the benchmark package adds no dependency).
struct Options {
    /// Events in the 1× log (the ingest workload); chats = events / 51.
    var events = 1_000_000
    /// Chats in the store the reports and the export run on; 0: the ingest store as it is
    /// (about events / 51 chats). A larger count tops the ingest store up with chats of another seed.
    var reportChats = 0
    /// Single-event commits in the live-append workload.
    var liveEvents = 5_000
    /// Repetitions of every workload (median and min–max are reported).
    var repeats = 3
    /// The scaling factor: the scaling workload imports 1/scale of the ingest log (the 1× point;
    /// the ingest workload is the scale× point).
    var scale = 4
    /// The demo generator's seed.
    var seed: UInt64 = 42
    /// Where data and databases go; nil: a temporary directory, removed at the end.
    var work: String?
    /// The sqlite3 shell for the second export baseline.
    var sqlite3 = "sqlite3"
    /// Only these workloads (ingest, append, scaling, reports, export); empty: all.
    var only: Set<String> = []
    /// Also write the figures as JSON here.
    var json: String?
    var quick = false
    /// The serve workload (`--serve`): storectl serve over HTTP on loopback.
    var storectl: String?
    /// Seconds of every wrk run in the serve workload.
    var serveSeconds = 5
    /// Chats per connection in the serve workload's batch POSTs (4 connections).
    var batchChats = 800

    static let workloads: Set<String> = ["ingest", "append", "scaling", "reports", "export", "serve"]

    static let usage = """
        usage: storebench [--quick] [--events N] [--report-chats N] [--live N] [--repeat N]
                          [--scale K] [--seed S] [--work DIR] [--sqlite3 PATH]
                          [--only ingest,append,scaling,reports,export] [--json FILE]

        Measures InteractionStore against a raw-SQLite baseline (C, same rows, schema and batching)
        and the sqlite3 shell, and checks the performance targets of issue 6. See Benchmarks/README.md.

          --quick             a smoke run: 100,000 events (about 2,000 chats)
          --events N          events in the ingest log (default 1,000,000, about 20,000 chats)
          --report-chats N    chats in the reports/export store (default: the ingest store, about
                              events/51 chats; 100000 checks the report target at its own size, and
                              adds about 8 minutes at 10,000 events/s)
          --live N            single-event commits in the live-append workload (default 5,000)
          --repeat N          repetitions of each workload (default 3)
          --scale K           scaling: the ingest log against one of 1/K its size (default 4)
          --seed S            demo generator seed (default 42)
          --work DIR          keep logs and databases in DIR (default: a temporary directory, removed)
          --sqlite3 PATH      the sqlite3 shell (default: sqlite3 on PATH)
          --only LIST         run only these workloads (comma-separated)
          --json FILE         also write every figure as JSON
          --serve             only the serve workload (same as --only serve; not in the default run):
                              storectl serve on 127.0.0.1, wrk and curl as clients, see README
          --storectl PATH     the storectl that writes the demo logs and serves (default: beside storebench)
          --serve-seconds N   seconds of each single-event PUT run (default 5)
          --batch-chats N     chats per connection in the batch POSTs (default 800, 4 connections)
        """

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var explicitEvents = false
        var index = 0
        func value(_ name: String) throws -> String {
            index += 1
            guard index < arguments.count else { throw UsageError("\(name) needs a value") }
            return arguments[index]
        }
        func int(_ name: String) throws -> Int {
            let text = try value(name).replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
            guard let number = Int(text), number > 0 else { throw UsageError("\(name) needs a positive integer") }
            return number
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--quick": options.quick = true
            case "--events": options.events = try int(argument); explicitEvents = true
            case "--report-chats": options.reportChats = try int(argument)
            case "--live": options.liveEvents = try int(argument)
            case "--repeat": options.repeats = try int(argument)
            case "--scale": options.scale = try int(argument)
            case "--seed":
                guard let seed = UInt64(try value(argument)) else { throw UsageError("--seed needs an unsigned integer") }
                options.seed = seed
            case "--work": options.work = try value(argument)
            case "--sqlite3": options.sqlite3 = try value(argument)
            case "--json": options.json = try value(argument)
            case "--serve": options.only = ["serve"]
            case "--storectl": options.storectl = try value(argument)
            case "--serve-seconds": options.serveSeconds = try int(argument)
            case "--batch-chats": options.batchChats = try int(argument)
            case "--only":
                let names = Set(try value(argument).split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
                let unknown = names.subtracting(workloads)
                guard unknown.isEmpty else { throw UsageError("--only: unknown workload(s) \(unknown.sorted().joined(separator: ", "))") }
                options.only = names
            case "-h", "--help":
                print(usage)
                exit(0)
            default:
                throw UsageError("unknown argument \(argument)")
            }
            index += 1
        }
        if options.quick {
            if !explicitEvents { options.events = 100_000 }
        }
        return options
    }

    /// The serve workload runs only when asked for (it needs the built storectl, wrk and curl).
    func runs(_ workload: String) -> Bool { workload == "serve" ? only.contains("serve") : (only.isEmpty || only.contains(workload)) }

    /// Chats for `events` events: the demo writes about 51 events per chat.
    static func chats(forEvents events: Int) -> Int { max(1, Int((Double(events) / 51.15).rounded())) }
}

struct UsageError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
