// Every file of this target uses the shared temp directories and storectl runner.
@_exported import StoreTestSupport
