import Foundation
import Testing
@testable import InteractionStore

/// Signed exports (SPEC section 4): `export --sign-key F` writes `manifest.json.sig`, the raw
/// Ed25519 signature of manifest.json, that `openssl pkeyutl -verify` and `storectl verify
/// --public-key` accept; a key others can read is refused with exit 64.
@Suite struct SignedExportTests {
    private func opensslVerifies(publicKey: String, run: String) throws -> Int32? {
        guard let openssl = TestKeys.openssl else { return nil }
        return try TestKeys.run(openssl, ["pkeyutl", "-verify", "-pubin", "-inkey", publicKey, "-rawin",
                                          "-in", run + "/manifest.json", "-sigfile", run + "/manifest.json.sig"])
    }

    @Test func aSignedRunVerifiesWithOpensslAndWithStorectl() throws {
        try withTempDirectory(prefix: "signed") { dir in
            try AnchoredLog.store(dir.databasePath)
            try TestKeys.make(privatePath: dir.path("key.pem"), publicPath: dir.path("pub.pem"))
            let run = dir.path("run1")
            let export = try StoreCtlRunner.run(["export", "--out", run, "--sign-key", dir.path("key.pem"), "--db", dir.databasePath])
            #expect(export.status == 0, "\(export)")
            #expect(export.stdout.hasPrefix("export #1 (incremental, signed): "), "\(export)")
            let manifest = try ExportFiles.manifest(run)
            #expect(export.stdout.contains(", store_head \(try #require(manifest["store_head"] as? String)), "), "\(export)")

            let signature = try Data(contentsOf: URL(fileURLWithPath: run + "/manifest.json.sig"))
            #expect(signature.count == 64)
            #expect(ExportFiles.mode(run + "/manifest.json.sig") == 0o600)
            #expect(try ExportFiles.names(run) == ["agent_states.ndjson", "chains.ndjson", "disposition_changes.ndjson",
                                                   "interactions.ndjson", "manifest.json", "manifest.json.sig", "parties.ndjson",
                                                   "requests.ndjson", "timeline.ndjson"])
            if let status = try opensslVerifies(publicKey: dir.path("pub.pem"), run: run) { #expect(status == 0) }

            let verified = try StoreCtlRunner.run(["verify", run, "--public-key", dir.path("pub.pem"), "--db", dir.databasePath])
            #expect(verified.status == 0, "\(verified)")
            #expect(verified.stdout == "ok: 1 export run verified: 7 files, 3 chains against 21 stored entries, signatures valid\n")
        }
    }

    @Test func anEditedManifestFailsItsSignatureInOpensslToo() throws {
        try withTempDirectory(prefix: "signed") { dir in
            try AnchoredLog.store(dir.databasePath)
            try TestKeys.make(privatePath: dir.path("key.pem"), publicPath: dir.path("pub.pem"))
            let run = dir.path("run1")
            let export = try StoreCtlRunner.run(["export", "--out", run, "--sign-key", dir.path("key.pem"), "--db", dir.databasePath, "--quiet"])
            #expect(export.status == 0, "\(export)")
            // An edit no other check sees: the run's time.
            let path = run + "/manifest.json"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let edited = text.replacingOccurrences(of: "\"created_at\" : \"20", with: "\"created_at\" : \"19")
            #expect(edited != text)
            try Data(edited.utf8).write(to: URL(fileURLWithPath: path))

            if let status = try opensslVerifies(publicKey: dir.path("pub.pem"), run: run) { #expect(status != 0) }
            let unsignedCheck = try StoreCtlRunner.run(["verify", run, "--db", dir.databasePath])
            #expect(unsignedCheck.status == 0, "without the key the edit is invisible: \(unsignedCheck)")
            let verified = try StoreCtlRunner.run(["verify", run, "--public-key", dir.path("pub.pem"), "--db", dir.databasePath])
            #expect(verified.status == 65, "\(verified)")
            #expect(verified.stdout == "")
            #expect(verified.stderr == """
                \(run): manifest.json.sig: the signature does not verify with the public key: manifest.json was changed, or signed with another key
                verify failed: 1 problem(s) in 1 export run

                """)
        }
    }

    @Test func anotherKeyOrAnUnsignedRunFails() throws {
        try withTempDirectory(prefix: "signed") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            try TestKeys.make(privatePath: dir.path("key.pem"), publicPath: dir.path("pub.pem"))
            try TestKeys.make(privatePath: dir.path("other.pem"), publicPath: dir.path("other-pub.pem"))
            var options = ExportOptions(directory: dir.path("run1"))
            options.signingKey = try ExportSigningKey(contentsOf: dir.path("key.pem"))
            _ = try store.export(options)
            _ = try store.export(ExportOptions(directory: dir.path("run2")))

            let result = try store.verifyExports([dir.path("run1"), dir.path("run2")],
                                                 publicKey: try ExportPublicKey(contentsOf: dir.path("other-pub.pem")))
            #expect(result.problems == [
                ExportProblem(directory: dir.path("run1"), subject: .file("manifest.json.sig"), kind: .signatureInvalid(bytes: 64)),
                ExportProblem(directory: dir.path("run2"), subject: .file("manifest.json.sig"), kind: .signatureMissing),
            ])
            #expect(result.problems.map(\.description).last
                    == "\(dir.path("run2")): manifest.json.sig: missing: verifying a signature needs a signed export")
            let right = try store.verifyExports([dir.path("run1")], publicKey: try ExportPublicKey(contentsOf: dir.path("pub.pem")))
            #expect(right.problems == [])
        }
    }

    @Test func aKeyFileWithMode0644IsRefusedWithExit64AndNothingIsWritten() throws {
        try withTempDirectory(prefix: "signed") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            try TestKeys.make(privatePath: dir.path("key.pem"), publicPath: dir.path("pub.pem"))
            for mode: mode_t in [0o644, 0o640, 0o604] {
                chmod(dir.path("key.pem"), mode)
                let result = try StoreCtlRunner.run(["export", "--out", dir.path("run1"), "--sign-key", dir.path("key.pem"), "--db", dir.databasePath])
                #expect(result.status == 64, "\(result)")
                #expect(result.stderr == "\(dir.path("key.pem")): the signing key is readable by group or others (mode \(String(mode, radix: 8))); a private key must be private: chmod 600 \(dir.path("key.pem"))\n")
                #expect(!FileManager.default.fileExists(atPath: dir.path("run1")))
            }
            #expect(try store.exportWatermark() == 0)
            #expect(try store.rowCount("export_runs") == 0)
            chmod(dir.path("key.pem"), 0o600)
            let accepted = try StoreCtlRunner.run(["export", "--out", dir.path("run1"), "--sign-key", dir.path("key.pem"), "--db", dir.databasePath])
            #expect(accepted.status == 0, "\(accepted)")
        }
    }

    @Test func aMissingKeyExits66AndAFileThatIsNoPrivateKey65() throws {
        try withTempDirectory(prefix: "signed") { dir in
            try AnchoredLog.store(dir.databasePath)
            try TestKeys.make(privatePath: dir.path("key.pem"), publicPath: dir.path("pub.pem"))
            let missing = try StoreCtlRunner.run(["export", "--out", dir.path("run1"), "--sign-key", dir.path("none.pem"), "--db", dir.databasePath])
            #expect(missing.status == 66, "\(missing)")
            #expect(missing.stderr == "\(dir.path("none.pem")): no such key file; check the path\n")

            chmod(dir.path("pub.pem"), 0o600)
            let publicGiven = try StoreCtlRunner.run(["export", "--out", dir.path("run1"), "--sign-key", dir.path("pub.pem"), "--db", dir.databasePath])
            #expect(publicGiven.status == 65, "\(publicGiven)")
            #expect(publicGiven.stderr == "\(dir.path("pub.pem")): not an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----, as `openssl genpkey -algorithm ed25519` writes it)\n")
            #expect(!FileManager.default.fileExists(atPath: dir.path("run1")))

            let privateAsPublic = try StoreCtlRunner.run(["verify", dir.path("run1"), "--public-key", dir.path("key.pem"), "--db", dir.databasePath])
            #expect(privateAsPublic.status == 65, "\(privateAsPublic)")
            #expect(privateAsPublic.stderr.hasPrefix("\(dir.path("key.pem")): not an Ed25519 public key in PEM"), "\(privateAsPublic)")
        }
    }

    @Test func theSignatureIsOverTheManifestsBytes() throws {
        try withTempDirectory(prefix: "signed") { dir in
            let store = try AnchoredLog.store(dir.databasePath)
            try TestKeys.make(privatePath: dir.path("key.pem"), publicPath: dir.path("pub.pem"))
            var options = ExportOptions(directory: dir.path("run1"), format: .csv, full: true)
            options.signingKey = try ExportSigningKey(contentsOf: dir.path("key.pem"))
            let result = try store.export(options)
            let manifest = try Data(contentsOf: URL(fileURLWithPath: dir.path("run1") + "/manifest.json"))
            #expect(manifest == Data(try result.manifest.json().utf8))
            let signature = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir.path("run1") + "/manifest.json.sig")))
            let publicKey = try ExportPublicKey(contentsOf: dir.path("pub.pem"))
            #expect(publicKey.isValidSignature(signature, for: [UInt8](manifest)))
            #expect(!publicKey.isValidSignature(signature, for: [UInt8](manifest) + [0x0A]))
        }
    }
}
