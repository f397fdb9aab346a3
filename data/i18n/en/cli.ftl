# Messages of the procura command line.

error-prefix = error
error-unknown-value = unknown { $taxonomy } "{ $input }". Valid ids: { $valid }
error-ambiguous-value = ambiguous { $taxonomy } "{ $input }": it could be { $candidates }. Type more of it.
error-unknown-practice = unknown practice "{ $input }". Valid practices: BP-01 to BP-{ $last }.
error-catalog = the embedded catalogue is invalid: { $detail }
error-output = could not write the output: { $detail }
