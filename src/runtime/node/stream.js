(function (N, G, require, internal, name) { throw new Error('Stratus does not support node:' + name + ' yet'); })
