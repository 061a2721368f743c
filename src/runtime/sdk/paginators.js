// Paginators of a client package (see client.js): `paginate<Operation>`,
// as @smithy/core's createPaginator runs them.
for (const [op, inputToken, outputToken, pageSizeToken] of MODEL.paginators) {
  const Command = out[op + 'Command'];
  out['paginate' + op] = async function* paginateOperation(config, input, ...additionalArguments) {
    const _input = input;
    let token = config.startingToken ?? _input[inputToken];
    let hasNext = true;
    let page;
    while (hasNext) {
      _input[inputToken] = token;
      if (pageSizeToken) _input[pageSizeToken] = _input[pageSizeToken] ?? config.pageSize;
      if (config.client instanceof Client) {
        let command = new Command(input);
        command = (config.withCommand || ((c) => c))(command) ?? command;
        page = await config.client.send(command, ...additionalArguments);
      } else {
        throw new Error('Invalid client, expected instance of ' + CLIENT);
      }
      yield page;
      const prevToken = token;
      token = pathOf(page, outputToken);
      hasNext = !!(token && (!config.stopOnSameToken || token !== prevToken));
    }
    return undefined;
  };
}
