package org.detente.node.sync;

class SqliteReceiptsTest extends ReceiptsContract {
  @Override
  NodeStores stores() {
    return NodeStores.sqlite();
  }
}
