// An embedding server imports only InteractionStore: the events it applies and the records it
// reads (InteractionModel) and the log's decoder and encoder (EventLog) come with it.
@_exported import EventLog
@_exported import InteractionModel
